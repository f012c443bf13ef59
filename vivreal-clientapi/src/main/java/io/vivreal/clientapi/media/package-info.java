/** The public download behind signed media URLs ({@code /media/**}). */
package io.vivreal.clientapi.media;
