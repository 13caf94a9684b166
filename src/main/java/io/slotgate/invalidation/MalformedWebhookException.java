package io.slotgate.invalidation;

/** A webhook body slotgate cannot act on: not JSON, or without the fields its trigger needs. */
final class MalformedWebhookException extends Exception {
    public MalformedWebhookException(String message) {
        super(message);
    }
}
