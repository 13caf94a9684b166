package io.slotgate.cache.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.util.concurrent.ConcurrentHashMap;

/** Runs the package's Lua scripts by digest, sending the source only to a server that has not cached it yet. */
final class ScriptRunner {
    private final RedisConnections connections;
    private final ConcurrentHashMap<String, String> digests = new ConcurrentHashMap<>();

    ScriptRunner(RedisConnections connections) {
        this.connections = connections;
    }

    Object eval(String script, ScriptOutputType type, String[] scriptKeys, String... args) {
        RedisClusterCommands<String, String> commands = connections.sync();
        String sha = digests.computeIfAbsent(script, commands::digest);
        try {
            return commands.evalsha(sha, type, scriptKeys, args);
        } catch (RedisNoScriptException e) {
            // a restarted or failed-over server forgot the script; EVAL caches it there again
            return commands.eval(script, type, scriptKeys, args);
        }
    }
}
