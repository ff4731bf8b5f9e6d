package io.cistern.core.model;

/** Who a share permission row is about: one user account, or every member of a group. */
public enum PrincipalKind {
    USER, GROUP
}
