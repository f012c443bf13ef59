package io.vivreal.clientapi.authorizer;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands handlers the {@link TenantContext} the authorizer filter verified; fails closed without one. */
public final class TenantContextArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == TenantContext.class;
    }

    @Override
    public TenantContext resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object context = request.getAttribute(AuthorizerFilter.TENANT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (context instanceof TenantContext tenant) {
            return tenant;
        }
        throw new IllegalStateException("no verified tenant context: the authorizer filter did not run");
    }
}
