package io.vivreal.management.security;

import io.vivreal.core.domain.DomainException;
import io.vivreal.identity.user.CurrentUsers;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies {@link Caller} parameters from the verified bearer token, never from the request. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final CurrentUsers currentUsers;

    CallerArgumentResolver(CurrentUsers currentUsers) {
        this.currentUsers = currentUsers;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new DomainException(
                    DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "a valid bearer token is required", null);
        }
        return new Caller(currentUsers.userId(jwt), jwt);
    }
}
