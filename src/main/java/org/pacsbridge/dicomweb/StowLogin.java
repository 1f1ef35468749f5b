package org.pacsbridge.dicomweb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pacsbridge.ops.http.AreaLogin;
import org.pacsbridge.ops.http.RequiresLogin;

/**
 * STOW-RS asks for the admin log-in when {@code pacs.stow.authentication} says so, and then also takes the
 * bearer token {@code pacs.stow.token} when one is set (for senders that cannot do HTTP Basic).
 */
@ApplicationScoped
public class StowLogin implements AreaLogin {

    @Inject
    StowConfig config;

    @Override
    public RequiresLogin.Area area() {
        return RequiresLogin.Area.DICOMWEB;
    }

    @Override
    public boolean required() {
        return config.authentication();
    }

    @Override
    public boolean acceptsBearer(String token) {
        return config.token().filter(t -> !t.isEmpty())
                .map(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
