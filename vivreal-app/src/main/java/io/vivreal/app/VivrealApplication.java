package io.vivreal.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Assembles every surface — identity, Management API, Client API — on one store. */
@SpringBootApplication(scanBasePackages = "io.vivreal")
public class VivrealApplication {}
