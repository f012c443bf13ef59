package io.vivreal.management.contact;

import io.vivreal.content.contact.ContactAddresses;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.management.security.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/contact-addresses}: the only recipients of the group's site contact
 * forms. Owners and admins read and replace the list (editors and viewers get 403: these are the
 * team's own addresses, and whoever sets them decides where public forms may send mail).
 */
@RestController
@RequestMapping("/api/groups/{groupID}/contact-addresses")
class ContactAddressesController {

    /** The list as answered: {@code {"addresses": [...]}}. */
    record Addresses(List<String> addresses) {}

    private final GroupService groups;
    private final ContactAddresses contactAddresses;

    ContactAddressesController(GroupService groups, ContactAddresses contactAddresses) {
        this.groups = groups;
        this.contactAddresses = contactAddresses;
    }

    @GetMapping
    Addresses get(Caller caller, @PathVariable String groupID) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return new Addresses(contactAddresses.list(membership.group().scope()));
    }

    @PutMapping
    Addresses replace(
            Caller caller, @PathVariable String groupID, @RequestBody(required = false) Map<String, Object> body) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return new Addresses(contactAddresses.replace(membership.group(), caller.userId(), body));
    }
}
