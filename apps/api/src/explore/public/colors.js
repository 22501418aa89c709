// Entity type -> colour. The known types get a fixed palette so the legend
// stays stable; a type added to the ontology later gets a colour from its name.

const PALETTE = {
  WORKLOAD: '#2563eb',
  CONTROLLER: '#7c3aed',
  COMPONENT: '#0f766e',
  NETWORKING: '#ea580c',
  SERVICE_TYPE: '#dc2626',
  STORAGE: '#a16207',
  CONFIG: '#65a30d',
  PROBE: '#db2777',
  SCHEDULING: '#0891b2',
  POLICY: '#4b5563',
  LIFECYCLE: '#9333ea',
  STRATEGY: '#16a34a',
  CONCEPT: '#64748b',
};

export function typeColor(type) {
  if (Object.hasOwn(PALETTE, type)) return PALETTE[type];
  let hash = 0;
  for (const char of String(type)) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return `hsl(${hash % 360}, 60%, 42%)`;
}

/** SERVICE_TYPE -> Service type */
export function typeLabel(type) {
  const words = String(type).toLowerCase().split('_');
  return [words[0].charAt(0).toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}
