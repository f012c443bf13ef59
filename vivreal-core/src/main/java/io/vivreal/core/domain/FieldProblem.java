package io.vivreal.core.domain;

/** One thing wrong with an input: the path of the field at fault and why, in plain words. */
public record FieldProblem(String field, String reason) {}
