/**
 * The catalogue of built-in Kubernetes kinds, read from the kubernetes-models package
 * (the API's OpenAPI schemas compiled into validators, removed beta versions included):
 * every kind (a model class with a static `apiVersion` and `kind`, lists left out), each
 * apiVersion the package ships a schema for, and the top-level fields of the preferred
 * version's `spec` (of the object itself when it has no spec) with their declared types.
 *
 * Development only: it parses the package's .d.ts files with the TypeScript compiler.
 * `npm run kinds:generate` writes the result to seed/ontology/kinds.generated.json, which
 * the service reads; test/kind-catalogue.spec.ts fails when that file is stale.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';

export interface CatalogueKind {
  kind: string;
  /** Every apiVersion with a schema, preferred first, then by group and version. */
  apiVersions: string[];
  /** Top-level fields of the preferred version's spec (`spec.replicas`) or object (`data`) → type. */
  fields: Record<string, string>;
}

export interface KindCatalogue {
  source: string; // package@version the catalogue was read from
  kinds: CatalogueKind[];
  /**
   * Property names the models declare but their compiled validators never check (the generator
   * drops `description` and the x-kubernetes-* extensions from the schemas it compiles): the
   * strict unknown-field check must accept them and judge nothing below them.
   */
  unvalidatedFields: string[];
}

const require = createRequire(import.meta.url);
const PACKAGE = 'kubernetes-models';

function packageRoot(): string {
  return dirname(require.resolve(`${PACKAGE}/package.json`));
}

/** Group/version folders of the package: `apps/v1`, `extensions/v1beta1`, and `v1` for the core group. */
function versionFolders(root: string): string[] {
  const folders: string[] = [];
  for (const group of readdirSync(root).sort()) {
    if (group.startsWith('_') || !statSync(join(root, group)).isDirectory()) continue;
    if (group === 'v1') { folders.push('v1'); continue; }
    for (const version of readdirSync(join(root, group)).sort()) {
      if (statSync(join(root, group, version)).isDirectory()) folders.push(`${group}/${version}`);
    }
  }
  return folders;
}

/** Longer string enums are summarised by their size. */
const MAX_ENUM_VALUES = 8;
const MATURITY = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Sort key of an apiVersion: GA before beta before alpha, higher numbers first, then the core
 * group first and the old `extensions` group last (its kinds all moved to groups of their own).
 */
function rank(apiVersion: string): [number, number, number, number] {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') as [string, string] : ['', apiVersion];
  const m = MATURITY.exec(version);
  const stage = !m ? 0 : m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [-stage, -Number(m?.[1] ?? 0), -Number(m?.[3] ?? 0), group === '' ? 0 : group === 'extensions' ? 2 : 1];
}

export function byPreference(a: string, b: string): number {
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a.localeCompare(b);
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function propertyName(member: ts.TypeElement): string {
  const name = member.name;
  return name && (ts.isStringLiteral(name) || ts.isIdentifier(name)) ? name.text : '';
}

/** The interface `I<Name>` a model file declares. */
function modelInterface(file: ts.SourceFile, name: string): ts.InterfaceDeclaration | undefined {
  return file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `I${name}`);
}

/** Imported type name → the module file it comes from (its basename is the API type's name). */
function importsOf(file: ts.SourceFile): Map<string, string> {
  const imports = new Map<string, string>();
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const bindings = s.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) imports.set(el.name.text, s.moduleSpecifier.text);
    }
  }
  return imports;
}

/** A declared type as a short, readable string: `LabelSelector`, `Container[]`, `map[string]string`, `"A" | "B"`. */
function renderType(node: ts.TypeNode, imports: Map<string, string>): string {
  if (ts.isArrayTypeNode(node)) return `${renderType(node.elementType, imports)}[]`;
  if (ts.isUnionTypeNode(node)) {
    // Long enums (certificate usages) would drown the attribute; their size is enough to say what they are.
    if (node.types.length > MAX_ENUM_VALUES && node.types.every(ts.isLiteralTypeNode)) return `string (one of ${node.types.length} values)`;
    return node.types.map((t) => renderType(t, imports)).join(' | ');
  }
  if (ts.isLiteralTypeNode(node)) return node.literal.getText(node.getSourceFile());
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    return index ? `map[string]${renderType(index.type, imports)}` : 'object';
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText(node.getSourceFile());
    if (name === 'Array' && node.typeArguments?.[0]) return `${renderType(node.typeArguments[0], imports)}[]`;
    const from = imports.get(name);
    return from ? basename(from).replace(/\.js$/, '') : name;
  }
  return node.getText(node.getSourceFile());
}

/** Fields of an interface: name → type, `, required` when the property is not optional. */
function fieldsOf(iface: ts.InterfaceDeclaration, file: ts.SourceFile, prefix: string, skip: ReadonlySet<string>): Record<string, string> {
  const imports = importsOf(file);
  const fields: Record<string, string> = {};
  for (const member of iface.members) {
    const name = propertyName(member);
    if (!name || skip.has(name) || !ts.isPropertySignature(member) || !member.type) continue;
    fields[`${prefix}${name}`] = `${renderType(member.type, imports)}${member.questionToken ? '' : ', required'}`;
  }
  return fields;
}

const OBJECT_META = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/** Top-level fields of a kind's spec, or of the object itself when it has no spec. */
function kindFields(root: string, folder: string, kind: string): Record<string, string> {
  const path = join(root, folder, `${kind}.d.ts`);
  const file = parse(path);
  const iface = modelInterface(file, kind);
  if (!iface) throw new Error(`${path}: no interface I${kind}`);
  const spec = iface.members.find((m) => propertyName(m) === 'spec');
  if (spec && ts.isPropertySignature(spec) && spec.type && ts.isTypeReferenceNode(spec.type)) {
    const from = importsOf(file).get(spec.type.typeName.getText(file));
    if (from) {
      const specPath = join(dirname(path), from.replace(/\.js$/, '.d.ts'));
      const specFile = parse(specPath);
      const specName = basename(specPath, '.d.ts');
      const specIface = modelInterface(specFile, specName);
      if (!specIface) throw new Error(`${specPath}: no interface I${specName}`);
      return fieldsOf(specIface, specFile, 'spec.', new Set());
    }
  }
  return fieldsOf(iface, file, '', OBJECT_META);
}

/** Every property name declared by a model interface of the package (all groups, versions, types). */
function declaredPropertyNames(root: string): Set<string> {
  const names = new Set<string>();
  for (const folder of versionFolders(root)) {
    for (const file of readdirSync(join(root, folder)).filter((f) => f.endsWith('.d.ts') && f !== 'index.d.ts')) {
      const source = parse(join(root, folder, file));
      for (const s of source.statements) {
        if (ts.isInterfaceDeclaration(s)) for (const m of s.members) if (propertyName(m)) names.add(propertyName(m));
      }
    }
  }
  return names;
}

/** Property names the compiled validators read (`data.x`, `data["x-y"]`), theirs and apimachinery's. */
function validatedPropertyNames(root: string): Set<string> {
  const dirs = [join(root, '_schemas'), join(dirname(require.resolve('@kubernetes-models/apimachinery/package.json')), '_schemas')];
  const names = new Set<string>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\bdata\.([\w$]+)|\bdata\["([^"]+)"\]/g)) names.add(m[1] ?? m[2]!);
    }
  }
  return names;
}

/** Reads the catalogue from the installed kubernetes-models package. */
export async function buildKindCatalogue(): Promise<KindCatalogue> {
  const root = packageRoot();
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const versions = new Map<string, Map<string, string>>(); // kind → apiVersion → folder
  for (const folder of versionFolders(root)) {
    const models = (await import(`${PACKAGE}/${folder}`)) as Record<string, unknown>;
    for (const [exported, model] of Object.entries(models)) {
      const meta = model as { apiVersion?: unknown; kind?: unknown };
      if (typeof model !== 'function' || typeof meta.kind !== 'string' || typeof meta.apiVersion !== 'string') continue;
      if (exported !== meta.kind || meta.kind.endsWith('List')) continue; // aliases (IoK8s…) and lists
      if (!versions.has(meta.kind)) versions.set(meta.kind, new Map());
      versions.get(meta.kind)!.set(meta.apiVersion, folder);
    }
  }
  const kinds = [...versions].sort(([a], [b]) => a.localeCompare(b)).map(([kind, byVersion]) => {
    const apiVersions = [...byVersion.keys()].sort(byPreference);
    return { kind, apiVersions, fields: kindFields(root, byVersion.get(apiVersions[0]!)!, kind) };
  });
  const validated = validatedPropertyNames(root);
  const unvalidatedFields = [...declaredPropertyNames(root)].filter((name) => !validated.has(name)).sort();
  return { source: `${PACKAGE}@${version}`, kinds, unvalidatedFields };
}

/** The catalogue as committed: stable JSON, one kind per block. */
export function serialiseCatalogue(catalogue: KindCatalogue): string {
  return `${JSON.stringify(catalogue, null, 2)}\n`;
}
