/** Where the native packages are published from: the coordinates and metadata public repositories require. */
export const PUBLISHING = {
  groupId: "dev.tidegate",
  artifactId: "tidegate-protocol",
  name: "tidegate protocol models",
  url: "https://github.com/tidegate/tidegate",
  scm: "scm:git:https://github.com/tidegate/tidegate.git",
  developer: { id: "tidegate", name: "tidegate contributors", url: "https://github.com/tidegate" },
  licenses: { MIT: "https://opensource.org/licenses/MIT" } as Record<string, string>,
} as const;
