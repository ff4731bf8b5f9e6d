package io.cistern.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One line of the admin audit log: who did what to which thing, when, from which address, and whether it worked.
 * Never holds a secret: passwords, hashes and tokens are not part of any field.
 */
@Entity
@Table(name = "audit_event", indexes = @Index(name = "audit_event_at", columnList = "at"))
@SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 20)
public class AuditEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    private Long id;

    @Column(name = "at", nullable = false)
    private Instant at;

    /** The account that acted, or the name a failed login claimed. */
    @Column(name = "actor", length = 64)
    private String actor;

    /** What was done, e.g. {@code user.create} or {@code auth.login}. */
    @Column(name = "action", nullable = false, length = 64)
    private String action;

    /** What it was done to, e.g. a username; null when nothing in particular. */
    @Column(name = "target", length = 128)
    private String target;

    @Column(name = "success", nullable = false)
    private boolean success;

    /** The client's address as the HTTP connection showed it. */
    @Column(name = "address", length = 64)
    private String address;

    /** A short note without secrets, e.g. why a login failed or which fields changed. */
    @Column(name = "detail", length = 256)
    private String detail;

    protected AuditEvent() {
    }

    public AuditEvent(Instant at, String actor, String action, String target, boolean success, String address,
                      String detail) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.success = success;
        this.address = address;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public boolean isSuccess() {
        return success;
    }

    public String getAddress() {
        return address;
    }

    public String getDetail() {
        return detail;
    }
}
