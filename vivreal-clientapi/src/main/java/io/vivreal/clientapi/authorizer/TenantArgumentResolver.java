package io.vivreal.clientapi.authorizer;

import io.vivreal.authorizer.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands handlers the {@link Tenant} the authorizer filter verified; fails closed without one. */
public final class TenantArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Tenant.class;
    }

    @Override
    public Tenant resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        Tenant tenant = servletRequest == null ? null : AuthorizerFilter.tenant(servletRequest);
        if (tenant == null) {
            throw new IllegalStateException("no verified tenant: the authorizer filter did not run");
        }
        return tenant;
    }
}
