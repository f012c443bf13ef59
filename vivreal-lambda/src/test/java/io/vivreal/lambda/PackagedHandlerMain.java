package io.vivreal.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.util.Map;

/**
 * Plays the Lambda runtime in a child JVM whose class path is only the deployment jar and this
 * class: constructs the handler with the public constructor (configuration from the real
 * environment variables) and invokes it once per token argument, printing one line each.
 */
public final class PackagedHandlerMain {

    private PackagedHandlerMain() {}

    public static void main(String[] args) {
        String methodArn = args[0];
        long start = System.nanoTime();
        TokenAuthorizerHandler handler = new TokenAuthorizerHandler();
        System.out.println("init-ms " + (System.nanoTime() - start) / 1_000_000);
        System.out.println(
                "spring " + (present("org.springframework.context.ApplicationContext") ? "present" : "absent"));
        for (int i = 1; i < args.length; i++) {
            APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
            event.setType("TOKEN");
            event.setMethodArn(methodArn);
            event.setAuthorizationToken(args[i]);
            long invoked = System.nanoTime();
            try {
                IamPolicyResponseV1 response = handler.handleRequest(event, null);
                Map<?, ?> statement =
                        ((Map<?, ?>[]) response.getPolicyDocument().get("Statement"))[0];
                Map<String, Object> context = response.getContext();
                System.out.println("answer " + statement.get("Effect") + " " + response.getPrincipalId() + " "
                        + (context == null ? "-" : context.get("groupName")) + " "
                        + (System.nanoTime() - invoked) / 1_000_000 + "ms");
            } catch (RuntimeException e) {
                System.out.println("answer failed " + e.getMessage());
            }
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
