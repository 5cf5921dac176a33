// Makes the local deployment's secrets on first run and keeps them under .data/: the bootstrap admin key
// (printed so the developer can use it) and the Ed25519 key that signs audit checkpoints. Prints them as
// shell assignments for scripts/start.sh to export. Never used outside `npm start`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = '.data';
const adminKeyFile = `${dir}/local-admin.key`;
const checkpointKeyFile = `${dir}/audit-checkpoint.pem`;
mkdirSync(dir, { recursive: true });

if (!existsSync(adminKeyFile)) writeFileSync(adminKeyFile, `mlp_local_${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
if (!existsSync(checkpointKeyFile)) {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(checkpointKeyFile, pem, { mode: 0o600 });
}

const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
console.log(`LOCAL_ADMIN_KEY=${quote(readFileSync(adminKeyFile, 'utf8').trim())}`);
console.log(`LOCAL_CHECKPOINT_KEY=${quote(readFileSync(checkpointKeyFile, 'utf8'))}`);
