// A small JSON Schema check of answers against the OpenAPI description
// (the keywords the openapi.json files use), for the API suites.

/** A small JSON Schema check (the keywords openapi.json uses); returns a list of errors. */
export function check(doc, schema, value, at = '$') {
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o[k], doc);
    return check(doc, target, value, at);
  }
  const errs = [];
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((s) => check(doc, s, value, at).length === 0).length;
    if (fits !== 1) return [`${at}: fits ${fits} of oneOf, not 1`];
  }
  const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array'
    : Number.isInteger(v) ? 'integer' : typeof v);
  const types = schema.type === undefined ? [] : [].concat(schema.type); // 3.1: a type or a list of types
  if (types.length && !types.some((x) => typeOf(value) === x || (x === 'number' && typeOf(value) === 'integer')))
    return [`${at}: ${typeOf(value)}, not ${types.join(' or ')}`];
  const t = typeOf(value) === 'integer' && types.includes('number') ? 'number' : typeOf(value);
  if (schema.enum && !schema.enum.includes(value)) errs.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errs.push(`${at}: ${value} !~ ${schema.pattern}`);
  if (schema.minimum !== undefined && value < schema.minimum) errs.push(`${at}: below minimum`);
  if (t === 'object') {
    for (const k of schema.required || []) if (!(k in value)) errs.push(`${at}: missing ${k}`);
    for (const [k, v] of Object.entries(value)) {
      if (schema.properties?.[k]) errs.push(...check(doc, schema.properties[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) errs.push(`${at}: unexpected ${k}`);
    }
  }
  if (t === 'array') {
    if (schema.minItems !== undefined && value.length < schema.minItems) errs.push(`${at}: fewer than ${schema.minItems}`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errs.push(`${at}: more than ${schema.maxItems}`);
    value.forEach((v, i) => errs.push(...check(doc, schema.items || {}, v, `${at}[${i}]`)));
  }
  return errs;
}
