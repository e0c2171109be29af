import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

/** GET over real HTTP with the body kept as raw bytes (files: ICS, PDF, CSV), with a bearer token unless null. */
export function getBytes(app: INestApplication, path: string, token: string | null) {
  const call = request(app.getHttpServer())
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return token ? call.set('authorization', `Bearer ${token}`) : call;
}
