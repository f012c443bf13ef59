/** Pieces added to a benchmark server's classpath, never to a real one. */
package io.vivreal.benchmarks.server;
