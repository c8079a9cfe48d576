/**
 * `generated/kotlin/`: a publishable Maven module (`dev.tidegate:tidegate-protocol`, versioned
 * like the project) of kotlinx.serialization models that survive protocol growth, the entry
 * points (`TidegateJson`, `GatewayFrame`, method descriptors), and JUnit tests that decode and
 * re-encode every example and forward-compatibility vector.
 */
import type { ProtocolModel } from "../model.js";
import { nativeModel } from "../native/ir.js";
import { KOTLIN_PACKAGE, kotlinModels } from "../native/kotlin-models.js";
import { KOTLIN_SUPPORT, kotlinProtocol, kotlinProtocolInfo } from "../native/kotlin-support.js";
import { KOTLIN_TEST_JSON, kotlinCompatTest, kotlinMethodTest, kotlinRoundTripTest } from "../native/kotlin-tests.js";
import { type Code, render } from "../native/printer.js";
import { PUBLISHING } from "../native/publishing.js";
import { GENERATED_NOTICE, type GeneratedFile, SLASH_PREAMBLE } from "./generated-file.js";

export { KOTLIN_PACKAGE };
export const KOTLIN_VERSION = "2.4.10";
const SERIALIZATION_VERSION = "1.12.0";
const JUNIT_VERSION = "5.11.4";
const PACKAGE_DIR = KOTLIN_PACKAGE.replaceAll(".", "/");

const IMPORTS = [
  "kotlinx.serialization.*",
  "kotlinx.serialization.json.*",
  "kotlinx.serialization.descriptors.*",
  "kotlinx.serialization.encoding.*",
  "java.util.UUID",
  "java.util.concurrent.CompletableFuture",
  "kotlin.reflect.KClass",
];

/** A Kotlin source file: preamble, opt-in, package, imports, body. */
function kotlinFile(body: string, imports = IMPORTS): string {
  return [
    SLASH_PREAMBLE.trimEnd(),
    ...(imports.length ? ["@file:OptIn(ExperimentalSerializationApi::class)", ""] : []),
    `package ${KOTLIN_PACKAGE}`,
    "",
    ...imports.map((i) => `import ${i}`),
    "",
    body.trimEnd(),
    "",
  ].join("\n");
}

const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function pom(model: ProtocolModel): string {
  const { project } = model;
  const licenseUrl = PUBLISHING.licenses[project.license] ?? PUBLISHING.url;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${GENERATED_NOTICE} -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>${PUBLISHING.groupId}</groupId>
  <artifactId>${PUBLISHING.artifactId}</artifactId>
  <version>${xml(project.version)}</version>
  <packaging>jar</packaging>
  <name>${xml(PUBLISHING.name)}</name>
  <description>${xml(`Kotlin models of the tidegate gateway protocol v${model.version}: ${project.description}`)}</description>
  <url>${PUBLISHING.url}</url>
  <licenses>
    <license>
      <name>${xml(project.license)}</name>
      <url>${licenseUrl}</url>
      <distribution>repo</distribution>
    </license>
  </licenses>
  <developers>
    <developer>
      <id>${PUBLISHING.developer.id}</id>
      <name>${xml(PUBLISHING.developer.name)}</name>
      <url>${PUBLISHING.developer.url}</url>
    </developer>
  </developers>
  <scm>
    <connection>${PUBLISHING.scm}</connection>
    <developerConnection>${PUBLISHING.scm}</developerConnection>
    <url>${PUBLISHING.url}</url>
  </scm>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <kotlin.version>${KOTLIN_VERSION}</kotlin.version>
    <kotlin.compiler.jvmTarget>17</kotlin.compiler.jvmTarget>
    <tidegate.protocolVersion>${model.version}</tidegate.protocolVersion>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>\${kotlin.version}</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlinx</groupId>
      <artifactId>kotlinx-serialization-json-jvm</artifactId>
      <version>${SERIALIZATION_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>${JUNIT_VERSION}</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <sourceDirectory>src/main/kotlin</sourceDirectory>
    <testSourceDirectory>src/test/kotlin</testSourceDirectory>
    <plugins>
      <plugin>
        <groupId>org.jetbrains.kotlin</groupId>
        <artifactId>kotlin-maven-plugin</artifactId>
        <version>\${kotlin.version}</version>
        <executions>
          <execution><id>compile</id><goals><goal>compile</goal></goals></execution>
          <execution><id>test-compile</id><goals><goal>test-compile</goal></goals></execution>
        </executions>
        <configuration>
          <compilerPlugins><plugin>kotlinx-serialization</plugin></compilerPlugins>
        </configuration>
        <dependencies>
          <dependency>
            <groupId>org.jetbrains.kotlin</groupId>
            <artifactId>kotlin-maven-serialization</artifactId>
            <version>\${kotlin.version}</version>
          </dependency>
        </dependencies>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.2</version>
      </plugin>
    </plugins>
  </build>
  <profiles>
    <!-- mvn -P release deploy: the sources and javadoc jars and the signatures Maven Central requires. -->
    <profile>
      <id>release</id>
      <build>
        <plugins>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-source-plugin</artifactId>
            <version>3.3.1</version>
            <executions><execution><id>sources</id><goals><goal>jar-no-fork</goal></goals></execution></executions>
          </plugin>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-jar-plugin</artifactId>
            <version>3.4.2</version>
            <executions><execution><id>javadoc</id><phase>package</phase><goals><goal>jar</goal></goals><configuration><classifier>javadoc</classifier></configuration></execution></executions>
          </plugin>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-gpg-plugin</artifactId>
            <version>3.2.7</version>
            <executions><execution><id>sign</id><phase>verify</phase><goals><goal>sign</goal></goals></execution></executions>
          </plugin>
        </plugins>
      </build>
    </profile>
  </profiles>
</project>
`;
}

export async function emitKotlin(model: ProtocolModel): Promise<GeneratedFile[]> {
  const native = nativeModel(model);
  const main = `generated/kotlin/src/main/kotlin/${PACKAGE_DIR}`;
  const test = `generated/kotlin/src/test/kotlin/${PACKAGE_DIR}`;
  const file = (code: Code[], imports = IMPORTS) => kotlinFile(render(code), imports);
  return [
    { path: "generated/kotlin/pom.xml", contents: pom(model) },
    { path: `${main}/Models.kt`, contents: file(kotlinModels(native)) },
    { path: `${main}/Protocol.kt`, contents: file(kotlinProtocol(native)) },
    { path: `${main}/ProtocolInfo.kt`, contents: file(kotlinProtocolInfo(native), []) },
    { path: `${main}/Support.kt`, contents: kotlinFile(KOTLIN_SUPPORT) },
    { path: `${test}/ExamplesRoundTripTest.kt`, contents: kotlinFile(render(kotlinRoundTripTest(native, model)), TEST_IMPORTS) },
    { path: `${test}/ForwardCompatTest.kt`, contents: kotlinFile(render(kotlinCompatTest(native, model)), TEST_IMPORTS) },
    { path: `${test}/TestJson.kt`, contents: kotlinFile(KOTLIN_TEST_JSON, ["kotlinx.serialization.*", "kotlinx.serialization.json.*", "org.junit.jupiter.api.Assertions.assertEquals"]) },
    {
      path: `${test}/MethodDescriptorTest.kt`,
      contents: kotlinFile(render(kotlinMethodTest(native, model)), [...TEST_IMPORTS, "org.junit.jupiter.api.Assertions.assertThrows", "java.util.concurrent.CompletableFuture"]),
    },
  ];
}

const TEST_IMPORTS = [
  "kotlinx.serialization.*",
  "kotlinx.serialization.json.*",
  "org.junit.jupiter.api.Assertions.assertEquals",
  "org.junit.jupiter.api.Assertions.assertTrue",
  "org.junit.jupiter.api.Test",
];
