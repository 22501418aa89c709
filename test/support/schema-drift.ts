import { createRequire } from 'node:module';
import type { SqlExecutor } from '../../apps/api/src/database/sql-executor.js';

/**
 * Compares a migrated database with schema.prisma, read through Prisma's own
 * schema parser (prisma-schema-wasm), so the migrations and the schema cannot drift apart.
 * Returns one line per difference; an empty list means they agree.
 */

const require = createRequire(import.meta.url);
const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };

interface DmmfField {
  name: string;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  dbName: string | null;
  isList: boolean;
  isRequired: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };
}

const SCALAR_TYPES: Record<string, string> = {
  Int: 'int4',
  BigInt: 'int8',
  String: 'text',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Float: 'float8',
  Decimal: 'numeric',
  Json: 'jsonb',
  Bytes: 'bytea',
};

export function readDmmf(schema: string): Dmmf {
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as Dmmf;
}

export async function schemaDrift(schema: string, db: SqlExecutor): Promise<string[]> {
  const { datamodel } = readDmmf(schema);
  const differences: string[] = [];
  const columns = await db.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const indexes = await db.query<{ table_name: string; columns: string[]; is_unique: boolean; is_primary: boolean }>(
    `SELECT t.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
            array_agg(a.attname::text ORDER BY k.ordinality) AS columns
     FROM pg_index i
     JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE t.relname <> '_prisma_migrations'
     GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
  );
  const foreignKeys = await db.query<{ table_name: string; columns: string[]; target: string; delete_rule: string }>(
    `SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS target,
            CASE c.confdeltype WHEN 'c' THEN 'Cascade' WHEN 'n' THEN 'SetNull' WHEN 'r' THEN 'Restrict' WHEN 'd' THEN 'SetDefault' ELSE 'NoAction' END AS delete_rule,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, o)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.o) AS columns
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'public'
     WHERE c.contype = 'f'`,
  );
  const enums = await db.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );

  const tableOf = new Map(datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((candidate) => candidate.name === field)!;
    return f.dbName ?? f.name;
  };
  const expectedColumns = new Set<string>();

  for (const model of datamodel.models) {
    const table = tableOf.get(model.name)!;
    if (!columns.some((c) => c.table_name === table)) {
      differences.push(`table ${table} (model ${model.name}) is missing`);
      continue;
    }
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      const name = field.dbName ?? field.name;
      expectedColumns.add(`${table}.${name}`);
      const column = columns.find((c) => c.table_name === table && c.column_name === name);
      if (!column) {
        differences.push(`column ${table}.${name} is missing`);
        continue;
      }
      const base = field.kind === 'enum' ? field.type : SCALAR_TYPES[field.type] ?? field.type;
      const type = field.isList ? `_${base}` : base;
      if (column.udt_name !== type) differences.push(`column ${table}.${name} is ${column.udt_name}, schema says ${type}`);
      // Prisma creates list columns without NOT NULL.
      const nullable = field.isList || !field.isRequired;
      if ((column.is_nullable === 'YES') !== nullable) {
        differences.push(`column ${table}.${name} is ${column.is_nullable === 'YES' ? 'nullable' : 'NOT NULL'}, schema says ${nullable ? 'nullable' : 'required'}`);
      }
    }
    for (const field of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
      const cols = field.relationFromFields!.map((f) => columnOf(model, f));
      const target = tableOf.get(field.type)!;
      const fk = foreignKeys.find((k) => k.table_name === table && k.target === target && same(k.columns, cols));
      if (!fk) differences.push(`foreign key ${table}(${cols}) -> ${target} is missing`);
      else if (fk.delete_rule !== (field.relationOnDelete ?? 'Restrict')) {
        differences.push(`foreign key ${table}(${cols}) deletes ${fk.delete_rule}, schema says ${field.relationOnDelete}`);
      }
    }
  }
  for (const column of columns) {
    if (!expectedColumns.has(`${column.table_name}.${column.column_name}`)) {
      differences.push(`column ${column.table_name}.${column.column_name} is not in the schema`);
    }
  }

  const expectedIndexes = datamodel.indexes.map((index) => {
    const model = datamodel.models.find((m) => m.name === index.model)!;
    return {
      table: tableOf.get(index.model)!,
      columns: index.fields.map((f) => columnOf(model, f.name)),
      unique: index.type !== 'normal',
      primary: index.type === 'id',
    };
  });
  for (const want of expectedIndexes) {
    const found = indexes.some(
      (i) => i.table_name === want.table && same(i.columns, want.columns) && i.is_unique === want.unique && i.is_primary === want.primary,
    );
    if (!found) differences.push(`${want.primary ? 'primary key' : want.unique ? 'unique index' : 'index'} ${want.table}(${want.columns}) is missing`);
  }
  for (const index of indexes) {
    const wanted = expectedIndexes.some(
      (w) => w.table === index.table_name && same(w.columns, index.columns) && w.unique === index.is_unique,
    );
    if (!wanted) differences.push(`index ${index.table_name}(${index.columns}) is not in the schema`);
  }

  for (const e of datamodel.enums) {
    const found = enums.find((candidate) => candidate.name === e.name);
    const values = e.values.map((v) => v.name);
    if (!found) differences.push(`enum ${e.name} is missing`);
    else if (!same(found.values, values)) differences.push(`enum ${e.name} has ${found.values}, schema says ${values}`);
  }
  return differences;
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
