package io.vivreal.core.invitation;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.web.PublicUrl;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires invitations: their collection, the service and its mail. */
@Configuration(proxyBeanMethods = false)
public class InvitationConfiguration {

    @Bean
    InvitationRepository invitationRepository(ControlPlane controlPlane, Clock clock) {
        return new InvitationRepository(controlPlane, clock);
    }

    @Bean
    InvitationService invitationService(
            InvitationRepository invitations,
            GroupService groups,
            GroupRepository groupRepository,
            AuditLog audit,
            MailSender mail,
            PublicUrl publicUrl,
            RateLimiter limiter,
            Clock clock) {
        return new InvitationService(
                invitations, groups, groupRepository, audit, new InvitationMails(mail, publicUrl), limiter, clock);
    }
}
