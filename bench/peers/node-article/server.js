// GET /me as the usual "protect your Express API with JWTs" article writes it: a middleware that reads the bearer
// token and calls jwt.verify with the issuer's public key, the issuer and the audience. The key is fetched once at
// startup from the realm's JWKS. One process, one core (no cluster).
//   ISSUER=http://localhost:8180/realms/bulwark AUDIENCE=bulwark-api PORT=3000 node server.js
'use strict';

const crypto = require('node:crypto');
const express = require('express');
const jwt = require('jsonwebtoken');

const issuer = process.env.ISSUER;
const audience = process.env.AUDIENCE || 'bulwark-api';
const port = Number(process.env.PORT || 3000);

if (!issuer) {
  console.error('ISSUER is required, e.g. http://localhost:8180/realms/bulwark');
  process.exit(1);
}

async function signingKey() {
  const response = await fetch(`${issuer}/protocol/openid-connect/certs`);
  if (!response.ok) {
    throw new Error(`JWKS answered ${response.status}`);
  }
  const { keys } = await response.json();
  const jwk = keys.find((key) => key.kty === 'RSA' && key.use === 'sig' && key.alg === 'RS256');
  if (!jwk) {
    throw new Error('The JWKS has no RS256 signing key');
  }
  return crypto.createPublicKey({ key: jwk, format: 'jwk' });
}

function authenticate(publicKey) {
  return (req, res, next) => {
    const header = req.headers.authorization || '';
    if (!header.startsWith('Bearer ')) {
      return res.status(401).json({ error: 'missing token' });
    }
    jwt.verify(header.slice(7), publicKey, { algorithms: ['RS256'], issuer, audience }, (err, claims) => {
      if (err) {
        return res.status(401).json({ error: 'invalid token' });
      }
      req.user = claims;
      return next();
    });
  };
}

async function main() {
  const publicKey = await signingKey();
  const app = express();
  app.get('/me', authenticate(publicKey), (req, res) => {
    res.json({
      subject: req.user.sub,
      username: req.user.preferred_username,
      clientId: req.user.azp,
      scopes: req.user.scope,
    });
  });
  app.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}`));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
