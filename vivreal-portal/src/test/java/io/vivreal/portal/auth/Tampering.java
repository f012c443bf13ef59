package io.vivreal.portal.auth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** Fuzzer-chosen edits of a genuine token: characters replaced, inserted, deleted, the end cut or extended. */
final class Tampering {

    private static final String TOKEN_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

    private Tampering() {}

    static String edit(String token, FuzzedDataProvider data) {
        StringBuilder edited = new StringBuilder(token);
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, edited.length());
            char c = data.consumeBoolean()
                    ? TOKEN_CHARACTERS.charAt(data.consumeInt(0, TOKEN_CHARACTERS.length() - 1))
                    : data.consumeChar();
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                    if (at < edited.length()) {
                        edited.setCharAt(at, c);
                    }
                }
                case 1 -> edited.insert(at, c);
                case 2 -> {
                    if (at < edited.length()) {
                        edited.deleteCharAt(at);
                    }
                }
                default -> edited.setLength(at);
            }
        }
        return edited.toString();
    }
}
