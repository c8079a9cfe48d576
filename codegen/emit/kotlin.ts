/**
 * `generated/kotlin/`: a Maven Kotlin/JVM module of kotlinx.serialization
 * models (quicktype), protocol constants, and a JUnit test that decodes and
 * re-encodes every example vector.
 */
import type { ProtocolModel } from "../model.js";
import { quicktypeDefinitions, runQuicktype } from "./quicktype-feed.js";
import { eventNames, methodNames } from "./native-info.js";
import { exampleVectors } from "./examples.js";
import { GENERATED_NOTICE, SLASH_PREAMBLE, quote, type GeneratedFile } from "./generated-file.js";

export const KOTLIN_PACKAGE = "dev.tidegate.protocol";
export const KOTLIN_VERSION = "2.4.10";
const SERIALIZATION_VERSION = "1.12.0";
const JUNIT_VERSION = "5.11.4";
const PACKAGE_DIR = KOTLIN_PACKAGE.replaceAll(".", "/");

export const KOTLIN_OPTIONS = { framework: "kotlinx", package: KOTLIN_PACKAGE, "acronym-style": "original" } as const;

function pom(model: ProtocolModel): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${GENERATED_NOTICE} -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.tidegate</groupId>
  <artifactId>tidegate-protocol</artifactId>
  <version>${model.version}.0.0</version>
  <name>tidegate protocol models</name>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <kotlin.version>${KOTLIN_VERSION}</kotlin.version>
    <kotlin.compiler.jvmTarget>17</kotlin.compiler.jvmTarget>
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
</project>
`;
}

function protocolInfo(model: ProtocolModel): string {
  const entries = (names: ReturnType<typeof methodNames>) => names.map((n) => `    ${n.pascal}(${n.literal}),`).join("\n");
  return [
    SLASH_PREAMBLE,
    `package ${KOTLIN_PACKAGE}`,
    "",
    "/** The protocol version these models describe. */",
    `const val PROTOCOL_VERSION: Int = ${model.version}`,
    "",
    "/** Every method name. */",
    "enum class MethodName(val wire: String) {",
    entries(methodNames(model)),
    "}",
    "",
    "/** Every event name. */",
    "enum class EventName(val wire: String) {",
    entries(eventNames(model)),
    "}",
    "",
  ].join("\n");
}

const testName = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "_");

function roundTripTest(model: ProtocolModel): string {
  const vectors = exampleVectors(model);
  const tests = vectors.map(
    (v) => `    @Test fun ${testName(v.name)}() = roundTrip(${v.type}.serializer(), ${quote(JSON.stringify(v.value))})`,
  );
  const frames = vectors
    .filter((v) => v.name.startsWith("frame/"))
    .map((v) => `    @Test fun as_Frame_${testName(v.name)}() = roundTrip(Frame.serializer(), ${quote(JSON.stringify(v.value))})`);
  return [
    SLASH_PREAMBLE,
    `package ${KOTLIN_PACKAGE}`,
    "",
    "import kotlinx.serialization.KSerializer",
    "import kotlinx.serialization.json.Json",
    "import kotlinx.serialization.json.JsonArray",
    "import kotlinx.serialization.json.JsonElement",
    "import kotlinx.serialization.json.JsonNull",
    "import kotlinx.serialization.json.JsonObject",
    "import org.junit.jupiter.api.Assertions.assertEquals",
    "import org.junit.jupiter.api.Test",
    "",
    "/** Every example vector decodes into its model type and re-encodes to the same JSON. */",
    "class ExamplesRoundTripTest {",
    "    private val json = Json { ignoreUnknownKeys = false }",
    "",
    "    /** Absent and null are one state in the Kotlin models; compare without null-valued properties. */",
    "    private fun withoutNulls(element: JsonElement): JsonElement = when (element) {",
    "        is JsonObject -> JsonObject(element.filterValues { it != JsonNull }.mapValues { withoutNulls(it.value) })",
    "        is JsonArray -> JsonArray(element.map { withoutNulls(it) })",
    "        else -> element",
    "    }",
    "",
    "    private fun <T> roundTrip(serializer: KSerializer<T>, text: String) {",
    "        val decoded = json.decodeFromString(serializer, text)",
    "        val encoded = json.encodeToJsonElement(serializer, decoded)",
    "        assertEquals(withoutNulls(json.parseToJsonElement(text)), withoutNulls(encoded), text)",
    "    }",
    "",
    ...tests,
    ...frames,
    "}",
    "",
  ].join("\n");
}

export async function emitKotlin(model: ProtocolModel): Promise<GeneratedFile[]> {
  const models = await runQuicktype(quicktypeDefinitions(model), "kotlin", KOTLIN_OPTIONS);
  return [
    { path: "generated/kotlin/pom.xml", contents: pom(model) },
    { path: `generated/kotlin/src/main/kotlin/${PACKAGE_DIR}/Models.kt`, contents: models },
    { path: `generated/kotlin/src/main/kotlin/${PACKAGE_DIR}/ProtocolInfo.kt`, contents: protocolInfo(model) },
    { path: `generated/kotlin/src/test/kotlin/${PACKAGE_DIR}/ExamplesRoundTripTest.kt`, contents: roundTripTest(model) },
  ];
}
