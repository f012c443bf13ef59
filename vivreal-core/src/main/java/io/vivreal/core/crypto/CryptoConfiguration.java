package io.vivreal.core.crypto;

import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    /** Follows the rotating key ring; a refreshed ring that does not parse is refused, the running one stays. */
    @Bean
    CredentialCipher credentialCipher(Secrets secrets, SecureRandom random) {
        return new AesGcmCredentialCipher(
                secrets.rotating(SecretName.ENCRYPTION_KEYS, secret -> KeyRing.parse(secret.value())), random);
    }
}
