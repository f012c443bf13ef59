package io.vivreal.clientapi.mail;

import io.vivreal.content.contact.ContactAddresses;
import io.vivreal.content.media.MediaUrls;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.web.PublicUrl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mail that sites ask for: the contact form, and the HTML rules such mails share. */
@Configuration(proxyBeanMethods = false)
public class ContactMailConfiguration {

    @Bean
    OwnMediaUrls ownMediaUrls(MediaUrls urls, PublicUrl publicUrl) {
        return new OwnMediaUrls(urls, publicUrl);
    }

    @Bean
    ContactMails contactMails(
            ContactAddresses addresses,
            GroupRepository groups,
            RateLimiter limiter,
            MailSender mail,
            OwnMediaUrls media) {
        return new ContactMails(addresses, groups, limiter, mail, media);
    }
}
