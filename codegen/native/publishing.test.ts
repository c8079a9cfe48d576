/** The native packages are publishable: versioned like the project, with the metadata public repositories require. */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { swiftSyntaxErrors } from "../swift-syntax.js";

const pom = readFileSync("generated/kotlin/pom.xml", "utf8");
const tag = (name: string) => pom.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];

describe("Maven artifact dev.tidegate:tidegate-protocol", () => {
  it("carries the project's version", () => {
    expect(tag("groupId")).toBe("dev.tidegate");
    expect(tag("artifactId")).toBe("tidegate-protocol");
    expect(tag("version")).toBe(packageJson.version);
  });

  it("has the POM metadata Maven Central requires, and a release profile with sources, javadoc and signatures", () => {
    for (const name of ["name", "description", "url"]) expect(tag(name), name).toBeTruthy();
    expect(pom).toMatch(/<licenses>\s*<license>\s*<name>MIT<\/name>\s*<url>https:\/\//);
    expect(pom).toMatch(/<developers>\s*<developer>\s*<id>/);
    expect(pom).toMatch(/<scm>\s*<connection>scm:git:/);
    for (const plugin of ["maven-source-plugin", "maven-jar-plugin", "maven-gpg-plugin"]) expect(pom).toContain(`<artifactId>${plugin}</artifactId>`);
  });

  it("is what the Kotlin node client depends on (not the sources), at the project's version", () => {
    const client = readFileSync("clients/kotlin/pom.xml", "utf8");
    expect(client).toMatch(/<groupId>dev.tidegate<\/groupId>\s*<artifactId>tidegate-protocol<\/artifactId>\s*<version>\$\{tidegate.version\}<\/version>/);
    expect(client).toContain(`<tidegate.version>${packageJson.version}</tidegate.version>`);
    expect(client).not.toContain("generated/kotlin");
  });
});

describe("Swift package TidegateProtocol", () => {
  const manifest = readFileSync("Package.swift", "utf8");

  it("sits at the repository root, so SwiftPM can add the repository by URL", () => {
    expect(manifest.split("\n")[0]).toMatch(/^\/\/ swift-tools-version:\d+\.\d+$/);
    expect(swiftSyntaxErrors(manifest)).toEqual([]);
    expect(manifest).toContain('.library(name: "TidegateProtocol", targets: ["TidegateProtocol"])');
    expect(manifest).toContain('path: "generated/swift/Sources/TidegateProtocol"');
    expect(manifest).toContain('path: "generated/swift/Tests/TidegateProtocolTests"');
  });
});
