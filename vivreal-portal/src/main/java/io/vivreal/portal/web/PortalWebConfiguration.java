package io.vivreal.portal.web;

import io.vivreal.core.store.ControlPlane;
import io.vivreal.portal.auth.PortalSessions;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the portal's routes that are not controllers: the Management API proxy. */
@Configuration(proxyBeanMethods = false)
class PortalWebConfiguration {

    @Bean
    PortalPreferences portalPreferences(ControlPlane controlPlane) {
        return new PortalPreferences(controlPlane);
    }

    /** Runs after Spring Security's filter (order -100), on requests only (not on its own forward). */
    @Bean
    FilterRegistrationBean<PortalProxyFilter> portalProxy(PortalSessions sessions) {
        FilterRegistrationBean<PortalProxyFilter> registration =
                new FilterRegistrationBean<>(new PortalProxyFilter(sessions));
        registration.addUrlPatterns(
                PortalProxyFilter.PROXY_PREFIX + "*",
                PortalProxyFilter.GROUPS_ROUTE,
                "/app/api/account",
                "/app/api/account/*",
                "/app/api/invitations",
                "/app/api/invitations/*",
                "/app/api/sessions",
                "/app/api/sessions/*",
                "/app/api/password");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(0);
        return registration;
    }
}
