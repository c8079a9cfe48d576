/**
 * The gateway's TLS certificate: the configured PEM pair, or a self-signed
 * pair generated once into `<state>/tls/` (key 0600) and reused afterwards.
 * Node has no X.509 generator; `selfsigned` (pinned) makes the certificate,
 * loaded only when one must be generated.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export interface TlsMaterial {
  cert: string;
  key: string;
  /** `AA:BB:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  certPath: string;
  selfSigned: boolean;
  validTo: string;
}

export class TlsSetupError extends Error {}

function material(cert: string, key: string, certPath: string, selfSigned: boolean): TlsMaterial {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (error) {
    throw new TlsSetupError(`${certPath} is not a PEM certificate: ${(error as Error).message}`);
  }
  try {
    if (!x509.checkPrivateKey(createPrivateKey(key))) throw new TlsSetupError(`the TLS key does not match the certificate ${certPath}`);
  } catch (error) {
    if (error instanceof TlsSetupError) throw error;
    throw new TlsSetupError(`the TLS key for ${certPath} is not a PEM private key: ${(error as Error).message}`);
  }
  return { cert, key, fingerprintSha256: x509.fingerprint256, certPath, selfSigned, validTo: new Date(x509.validTo).toISOString() };
}

const read = (path: string, what: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new TlsSetupError(`cannot read the TLS ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
};

/** Generate a self-signed EC P-256 certificate for this host (10 years; SAN localhost, 127.0.0.1, ::1, host name, `extraHosts`). */
export async function generateSelfSigned(extraHosts: string[] = []): Promise<{ cert: string; key: string }> {
  const { generate } = await import("selfsigned");
  const names = [...new Set(["localhost", hostname(), ...extraHosts.filter((h) => !/^[\d.:]+$/.test(h))])];
  const ips = [...new Set(["127.0.0.1", "::1", ...extraHosts.filter((h) => /^[\d.:]+$/.test(h) && h !== "0.0.0.0" && h !== "::")])];
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 3650 * 86_400_000);
  const pair = await generate([{ name: "commonName", value: "tidegate gateway" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [...names.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { cert: pair.cert, key: pair.private };
}

/** The pair to serve: `certPath` + `keyPath`, else `<stateDir>/tls/gateway-{cert,key}.pem`, generated on first use. */
export async function loadTls(options: { certPath?: string; keyPath?: string; stateDir: string; host: string }): Promise<TlsMaterial> {
  const { certPath, keyPath } = options;
  if (certPath || keyPath) {
    if (!certPath || !keyPath) throw new TlsSetupError("gateway.tls needs both certPath and keyPath (or neither, for a self-signed pair)");
    return material(read(certPath, "certificate"), read(keyPath, "key"), certPath, false);
  }
  const dir = join(options.stateDir, "tls");
  const cert = join(dir, "gateway-cert.pem");
  const key = join(dir, "gateway-key.pem");
  if (existsSync(cert) && existsSync(key)) return material(read(cert, "certificate"), read(key, "key"), cert, true);
  const pair = await generateSelfSigned([options.host]);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(key, pair.key, { mode: 0o600 });
  writeFileSync(cert, pair.cert, { mode: 0o644 });
  return material(pair.cert, pair.key, cert, true);
}
