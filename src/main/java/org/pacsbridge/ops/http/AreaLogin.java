package org.pacsbridge.ops.http;

/**
 * Whether an operator area other than {@link RequiresLogin.Area#ADMIN} asks for the admin log-in,
 * from that area's own settings. An area no bean speaks for asks for it.
 */
public interface AreaLogin {

    RequiresLogin.Area area();

    boolean required();

    /** Whether the area takes this bearer token (the value after "Bearer ") instead of the admin log-in. */
    default boolean acceptsBearer(String token) {
        return false;
    }
}
