// Sign-in with an API token (vigil token create, or POST /v1/tokens by an
// admin). The token is checked against /v1/me and kept for this tab only.
import { useState } from 'preact/hooks';
import { api, storeToken, type Me } from '../lib/api';
import { ErrorBox } from '../lib/ui';

export function SignIn(props: { onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('/v1/me', { token: token.trim() });
      storeToken(token.trim());
      props.onSignedIn(me);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form onSubmit={submit} class="card" aria-labelledby="signin-title">
        <h1 id="signin-title">vigil</h1>
        <p class="muted">Sanctions screening and a sourced knowledge graph of militant networks.</p>
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          placeholder="vigil_…"
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          required
          autofocus
        />
        <p class="hint">An administrator makes one with <code>vigil token create --name NAME --role screener</code>.</p>
        {error ? <ErrorBox error={error} /> : null}
        <button type="submit" disabled={busy || !token.trim()}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
