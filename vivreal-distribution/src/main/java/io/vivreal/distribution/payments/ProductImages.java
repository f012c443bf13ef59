package io.vivreal.distribution.payments;

import io.vivreal.core.tenancy.TenantScope;
import java.util.Optional;
import org.bson.Document;

/**
 * Copies a product image Stripe names into the group's media, so sites get it signed like every
 * other file (a media descriptor {@code {key, name, type}}). Empty when it cannot: the product is
 * still synced, without an image.
 */
public interface ProductImages {

    Optional<Document> copy(TenantScope scope, String productId, String imageUrl);

    /** No copying: products sync without images. */
    ProductImages NONE = (scope, productId, imageUrl) -> Optional.empty();
}
