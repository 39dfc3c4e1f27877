// Small building blocks every view uses: loading, empty and error states,
// and text in any script with its direction.
import type { ComponentChildren } from 'preact';
import { ApiError } from './api';

export function Loading(props: { label?: string }) {
  return (
    <div class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? 'Loading…'}
    </div>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="state empty">{props.children}</div>;
}

// An error in the API's own words (its message names the field at fault).
export function ErrorBox(props: { error: unknown }) {
  const e = props.error;
  const message = e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
  const code = e instanceof ApiError ? e.code : undefined;
  return (
    <div class="state error" role="alert">
      <strong>{code === 'forbidden' ? 'Not allowed' : code === 'not_found' ? 'Not found' : 'Error'}</strong>
      <span>{message}</span>
    </div>
  );
}

const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm']);
const RTL_LANGS = new Set(['ar', 'fa', 'ps', 'ur', 'prs', 'he', 'dv', 'ug', 'ku', 'sd']);

// The writing direction of a script or language code.
function dirOf(script?: string, lang?: string): 'rtl' | 'ltr' | 'auto' {
  if (script && RTL_SCRIPTS.has(script)) return 'rtl';
  if (lang && RTL_LANGS.has(lang.toLowerCase().split(/[-_]/)[0])) return 'rtl';
  if (script || lang) return 'ltr';
  return 'auto';
}

// A name or passage in its own script: lang and dir set, isolated from the
// text around it.
export function Foreign(props: { text: string; script?: string; lang?: string; class?: string }) {
  return (
    <bdi class={props.class} lang={props.lang || undefined} dir={dirOf(props.script, props.lang)}>
      {props.text}
    </bdi>
  );
}

// Whether a key press belongs to a field being typed in (page-wide keys
// such as '/', n and p leave it alone).
export function typingIn(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}
