/** A schema the toolchain cannot turn into every target, or a broken registry. */
export class CodegenError extends Error {
  constructor(
    /** Where: the named schema and the path inside it, such as `ConnectParams/properties/client`. */
    readonly where: string,
    /** What construct or rule is at fault. */
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = "CodegenError";
  }
}
