import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { useI18n } from '../i18n';

type Schema = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
interface OpenApi {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export const SPEC_URL = '/v1/openapi.json';

/** The operations by tag, in the document's order. */
function byTag(doc: OpenApi): Array<[string, Array<{ method: string; path: string; op: Operation }>]> {
  const groups = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? '';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, op });
    }
  }
  return [...groups];
}

/** The schema with its `$ref`s to components written out, so each block reads on its own. */
function inlined(value: unknown, doc: OpenApi, seen: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((v) => inlined(v, doc, seen));
  if (!value || typeof value !== 'object') return value;
  const { $ref, ...rest } = value as Schema;
  const name = typeof $ref === 'string' ? $ref.replace('#/components/schemas/', '') : undefined;
  const target = name && !seen.has(name) ? doc.components?.schemas?.[name] : undefined;
  if (name && target) return inlined({ ...target, ...rest }, doc, new Set([...seen, name]));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inlined(v, doc, seen)]));
}

const anchorOf = (method: string, path: string) => `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');

function SchemaBlock({ label, schema, doc }: { label: string; schema: Schema; doc: OpenApi }) {
  return (
    <details class="api-docs__schema">
      <summary>{label}</summary>
      <pre tabIndex={0}>{JSON.stringify(inlined(schema, doc), null, 2)}</pre>
    </details>
  );
}

function OperationView({ method, path, op, doc }: { method: string; path: string; op: Operation; doc: OpenApi }) {
  const { t } = useI18n();
  const params = op.parameters ?? [];
  return (
    <section class="api-docs__operation" aria-labelledby={anchorOf(method, path)}>
      <h3 id={anchorOf(method, path)} class="kern-heading-small">
        <code>{method.toUpperCase()} {path}</code>
      </h3>
      {op.summary && <p class="kern-body">{op.summary}</p>}
      {op.description && <p class="kern-body kern-body--small">{op.description}</p>}
      {params.length > 0 && (
        <table class="kern-table api-docs__table">
          <caption class="kern-title">{t('docs.parameters')}</caption>
          <thead><tr><th scope="col">{t('docs.name')}</th><th scope="col">{t('docs.where')}</th><th scope="col">{t('docs.required')}</th></tr></thead>
          <tbody>
            {params.map((p) => (
              <tr key={`${p.in}-${p.name}`}><td><code>{p.name}</code></td><td>{p.in}</td><td>{p.required ? t('docs.yes') : t('docs.no')}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {op.requestBody && Object.entries(op.requestBody.content).map(([type, { schema }]) => (
        <SchemaBlock key={type} label={t('docs.body', { type })} schema={schema} doc={doc} />
      ))}
      <h4 class="kern-title">{t('docs.responses')}</h4>
      <ul class="kern-list">
        {Object.entries(op.responses).map(([status, response]) => (
          <li key={status}>
            <strong>{status}</strong> {response.description}
            {Object.entries(response.content ?? {}).map(([type, { schema }]) => (
              <SchemaBlock key={type} label={t('docs.schema', { status, type })} schema={schema} doc={doc} />
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /docs: the API's OpenAPI document, read from this service, shown by tag and operation. */
export default function ApiDocsPage() {
  const { t } = useI18n();
  const [doc, setDoc] = useState<OpenApi | null | 'failed'>(null);
  useEffect(() => {
    get<OpenApi>(SPEC_URL).then(setDoc, () => setDoc('failed'));
  }, []);
  return (
    <>
      <h1 class="kern-heading-x-large">{t('docs.title')}</h1>
      <p class="kern-body kern-body--large">{t('docs.intro')}</p>
      <p class="kern-body"><a class="kern-link" href={SPEC_URL}>{t('docs.json')}</a></p>
      {doc === null && <p class="kern-body" role="status">{t('docs.loading')}</p>}
      {doc === 'failed' && <p class="kern-body" role="alert">{t('docs.failed')}</p>}
      {doc !== null && doc !== 'failed' && (
        <>
          {doc.info.description && <p class="kern-body">{doc.info.description}</p>}
          <nav aria-labelledby="api-docs-contents">
            <h2 id="api-docs-contents" class="kern-heading-medium">{t('docs.contents')}</h2>
            <ul class="kern-list">
              {byTag(doc).map(([tag]) => <li key={tag}><a class="kern-link" href={`#tag-${anchorOf('', tag)}`}>{tag}</a></li>)}
            </ul>
          </nav>
          {byTag(doc).map(([tag, ops]) => (
            <section key={tag} aria-labelledby={`tag-${anchorOf('', tag)}`}>
              <h2 id={`tag-${anchorOf('', tag)}`} class="kern-heading-medium">{tag}</h2>
              {ops.map((o) => <OperationView key={`${o.method} ${o.path}`} {...o} doc={doc} />)}
            </section>
          ))}
        </>
      )}
    </>
  );
}
