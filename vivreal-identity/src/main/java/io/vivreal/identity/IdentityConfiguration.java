package io.vivreal.identity;

import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.web.ClientAddress;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.identity.login.LoginService;
import io.vivreal.identity.login.PasswordChanges;
import io.vivreal.identity.login.PasswordHashing;
import io.vivreal.identity.reset.PasswordResets;
import io.vivreal.identity.session.OpenSessions;
import io.vivreal.identity.session.Sessions;
import io.vivreal.identity.session.SignIns;
import io.vivreal.identity.stepup.Reauthentications;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.identity.token.IdTokenIssuer;
import io.vivreal.identity.token.IdTokenVerification;
import io.vivreal.identity.token.IssuerUrl;
import io.vivreal.identity.token.RevokedTokens;
import io.vivreal.identity.token.SigningKeys;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.identity.twofactor.SecondFactorStore;
import io.vivreal.identity.user.CurrentUsers;
import io.vivreal.identity.user.UserRepository;
import io.vivreal.identity.user.UserService;
import io.vivreal.identity.verification.EmailVerification;
import io.vivreal.identity.verification.EmailVerificationTokens;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/** The identity module: users, passwords, our ID tokens and their keys. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    UserRepository userRepository(ControlPlane controlPlane) {
        return new UserRepository(controlPlane);
    }

    @Bean
    UserService userService(UserRepository users, PasswordEncoder passwords, Clock clock) {
        return new UserService(users, passwords, clock);
    }

    @Bean
    SigningKeys signingKeys(Secrets secrets) {
        return SigningKeys.fromSecret(secrets.get(SecretName.JWT_SIGNING_KEY).value());
    }

    @Bean
    IssuerUrl issuerUrl(PublicUrl publicUrl) {
        return new IssuerUrl(publicUrl);
    }

    @Bean
    IdTokenIssuer idTokenIssuer(SigningKeys keys, IssuerUrl issuer, Clock clock) {
        return new IdTokenIssuer(keys, issuer, clock);
    }

    @Bean
    RevokedTokens revokedTokens(ControlPlane controlPlane, Clock clock) {
        return new RevokedTokens(controlPlane, clock);
    }

    @Bean
    Reauthentications reauthentications(ControlPlane controlPlane, Clock clock) {
        return new Reauthentications(controlPlane, clock);
    }

    @Bean
    StepUp stepUp(Reauthentications reauthentications, Clock clock) {
        return new StepUp(reauthentications, clock);
    }

    @Bean
    Sessions sessions(ControlPlane controlPlane, Clock clock, SecureRandom random) {
        return new Sessions(controlPlane, clock, random);
    }

    @Bean
    SignIns signIns(Sessions sessions, IdTokenIssuer tokens, ClientAddress clientAddress) {
        return new SignIns(sessions, tokens, clientAddress);
    }

    @Bean
    IdTokenVerification idTokenVerification(
            SigningKeys keys,
            IssuerUrl issuer,
            VivrealProperties properties,
            RevokedTokens revokedTokens,
            Sessions sessions) {
        return new IdTokenVerification(keys, issuer, properties.oidc(), revokedTokens, new OpenSessions(sessions));
    }

    @Bean
    PasswordChanges passwordChanges(LoginService logins, UserService users, PasswordHashing hashing) {
        return new PasswordChanges(logins, users, hashing);
    }

    @Bean
    PasswordResets passwordResets(
            ControlPlane controlPlane,
            Secrets secrets,
            SecureRandom random,
            UserService users,
            Sessions sessions,
            PasswordHashing hashing,
            MailSender mail,
            RateLimiter limiter,
            VivrealProperties properties,
            PublicUrl publicUrl,
            Clock clock) {
        return new PasswordResets(
                controlPlane,
                secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET),
                random,
                users,
                sessions,
                hashing,
                mail,
                limiter,
                properties.login(),
                publicUrl,
                clock);
    }

    @Bean(destroyMethod = "close")
    PasswordHashing passwordHashing(VivrealProperties properties) {
        return new PasswordHashing(
                properties.login().hashingThreads(), properties.login().hashingQueue());
    }

    @Bean
    LoginService loginService(
            UserService users,
            RateLimiter limiter,
            PasswordHashing hashing,
            VivrealProperties properties,
            EmailVerification verification,
            SecondFactor secondFactor) {
        return new LoginService(users, limiter, hashing, properties.login(), verification, secondFactor);
    }

    /** Also an {@code EncryptedFieldStore}: the key rotation re-encrypts the TOTP secrets. */
    @Bean
    SecondFactorStore secondFactorStore(ControlPlane controlPlane) {
        return new SecondFactorStore(controlPlane);
    }

    @Bean
    SecondFactor secondFactor(SecondFactorStore store, CredentialCipher cipher, Clock clock, SecureRandom random) {
        return new SecondFactor(store, cipher, clock, random);
    }

    @Bean
    EmailVerificationTokens emailVerificationTokens(Secrets secrets, Clock clock) {
        return new EmailVerificationTokens(secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET), clock);
    }

    @Bean
    EmailVerification emailVerification(
            UserRepository users,
            EmailVerificationTokens tokens,
            MailSender mail,
            RateLimiter limiter,
            PublicUrl publicUrl) {
        return new EmailVerification(users, tokens, mail, limiter, publicUrl);
    }

    @Bean
    CurrentUsers currentUsers(IdTokenVerification verification, UserService users, UserRepository repository) {
        return new CurrentUsers(verification, users, repository);
    }

    /** Sign-up, sign-in and discovery are public; they hold no session and take no cookies. */
    @Bean
    @Order(20)
    SecurityFilterChain identityChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/auth/**", "/.well-known/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }
}
