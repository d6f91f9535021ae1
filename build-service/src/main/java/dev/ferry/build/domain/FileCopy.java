package dev.ferry.build.domain;

/**
 * One file of the build context placed in the image.
 *
 * @param source path relative to the build context
 * @param target absolute path in the image
 * @param owner {@code user[:group]} or null for root
 * @param mode octal permissions or null for the default
 */
public record FileCopy(String source, String target, String owner, String mode) {}
