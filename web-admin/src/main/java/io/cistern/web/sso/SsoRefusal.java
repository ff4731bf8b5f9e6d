package io.cistern.web.sso;

/** A single sign-on that ends without a login: the HTTP status, a code for programs and a sentence for people. */
public class SsoRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public SsoRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
