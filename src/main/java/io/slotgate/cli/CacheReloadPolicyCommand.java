package io.slotgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.net.http.HttpRequest;

@Command(name = "reload-policy", mixinStandardHelpOptions = true,
        description = "Reload the policy from its file and show it.")
final class CacheReloadPolicyCommand extends AdminCall {
    @Override
    HttpRequest.Builder request(AdminClient admin) {
        return admin.post("/admin/policy/reload");
    }

    @Override
    void print(PrintWriter out, JsonNode data) {
        out.println("policy reloaded");
        CachePolicyCommand.printPolicy(out, data);
    }
}
