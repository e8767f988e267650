package dev.splitsim.kernel.remote;

import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The replies each thread's system call has had so far. A call whose thread sleeps on a reply is
 * run again from its start once the reply is in; up to the request it slept on it is the same call
 * with the same arguments, so each request it makes again is answered by the reply kept for it, in
 * order, and only the first new one goes out. The replies are let go (traced and pooled) when the
 * call ends. What a call does before its last request must therefore be safe to do twice: reading
 * its arguments, copying a reply's bytes into guest memory.
 */
final class CallReplies {
    /** One thread's call: the replies it has had, and how many of them this run has taken. */
    private static final class Call {
        Object thread;
        long startTick;
        final List<Message> replies = new ArrayList<>();
        int taken;
    }

    private final Fabric fabric;
    private final IdentityHashMap<Object, Call> suspended = new IdentityHashMap<>();
    private final ArrayDeque<Call> pool = new ArrayDeque<>();
    private Call current;

    CallReplies(Fabric fabric) {
        this.fabric = fabric;
    }

    /** A call of {@code thread} starts at {@code tick}, or runs again; true when it runs again. */
    boolean begin(Object thread, long tick) {
        Call c = suspended.get(thread);
        if (c != null) {
            c.taken = 0;
            current = c;
            return true;
        }
        c = pool.isEmpty() ? new Call() : pool.poll();
        c.thread = thread;
        c.startTick = tick;
        c.taken = 0;
        current = c;
        return false;
    }

    /** Whether a call is being served whose requests may still be kept for a run again. */
    boolean active() {
        return current != null;
    }

    /** The tick the current call first started. */
    long startTick() {
        return current.startTick;
    }

    /** The reply kept for the current call's next request, or null when that request is new. */
    Message next() {
        Call c = current;
        return c == null || c.taken == c.replies.size() ? null : c.replies.get(c.taken++);
    }

    /** The current call has taken {@code reply} just now, waiting for it on the spot. */
    void taken(Message reply) {
        current.replies.add(reply);
        current.taken++;
    }

    /** The current call's thread sleeps on its next reply: the call is kept for its run again. */
    Object suspend() {
        Call c = current;
        current = null;
        suspended.put(c.thread, c);
        return c.thread;
    }

    /** The reply {@code thread}'s call slept on has arrived. */
    void arrived(Object thread, Message reply) {
        suspended.get(thread).replies.add(reply);
    }

    /** Whether {@code thread} is in a call that sleeps on a reply or has yet to run again. */
    boolean suspended(Object thread) {
        return suspended.containsKey(thread);
    }

    /** The current call is over: its replies go back to the fabric. */
    void end() {
        Call c = current;
        if (c == null) {
            return;
        }
        current = null;
        suspended.remove(c.thread);
        for (Message reply : c.replies) {
            long done = reply.deliverTick();
            fabric.handled(reply, -1, done, done);
        }
        c.replies.clear();
        c.thread = null;
        pool.add(c);
    }
}
