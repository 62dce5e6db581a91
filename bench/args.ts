/** `--name value` from the command line as a number, or `def` when the option is absent. */
export function numberArg(name: string, def: number, argv: readonly string[] = process.argv.slice(2)): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
}
