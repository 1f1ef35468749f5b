package org.pacsbridge.findings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pacsbridge.ops.http.AreaLogin;
import org.pacsbridge.ops.http.RequiresLogin;

/** The findings view asks for the admin log-in when {@code pacs.findings.view.authentication} says so. */
@ApplicationScoped
public class FindingsViewLogin implements AreaLogin {

    @Inject
    FindingsConfig config;

    @Override
    public RequiresLogin.Area area() {
        return RequiresLogin.Area.FINDINGS_VIEW;
    }

    @Override
    public boolean required() {
        return config.view().authentication();
    }
}
