package io.cistern.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A group with its numeric gid, as files carry it. */
@Entity
@Table(name = "user_group")
@SequenceGenerator(name = "user_group_seq", sequenceName = "user_group_seq", allocationSize = 10)
public class UserGroup {
    /** The group of the administrator created at first start. */
    public static final String ADMINS = "admins";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_group_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(nullable = false, unique = true)
    private int gid;

    protected UserGroup() {
    }

    public UserGroup(String name, int gid) {
        this.name = name;
        this.gid = gid;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getGid() {
        return gid;
    }
}
