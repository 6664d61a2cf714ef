import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { Browser } from './support/browser';

describeEachDriver('staff log in to the web pages with phone number and password', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(() => app.close());

  const demoUser = (role: string) => app.demo.users.find((u) => u.role === role)!;

  it('a demo dispatcher logs in with the install\'s demo password and reads the overview through the cookie', async () => {
    const browser = new Browser(app);
    const dispatcher = demoUser('dispatcher');
    const res = await browser.logIn(dispatcher.phone, app.demo.password);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: dispatcher.userId, name: dispatcher.name, phone: dispatcher.phone, role: 'dispatcher' });
    const overview = await browser.request('GET', `/v1/dispatch/overview?areaId=${app.demo.areaId}`);
    expect(overview.status).toBe(200);
  });

  it('a demo driver logs in and reads their manifest; a rider\'s routes stay closed to them', async () => {
    const browser = new Browser(app);
    const driverUser = demoUser('driver');
    expect((await browser.logIn(driverUser.phone, app.demo.password)).body.user.role).toBe('driver');
    expect((await browser.request('GET', '/v1/driver/manifest')).status).toBe(200);
    expect((await browser.request('GET', `/v1/dispatch/overview?areaId=${app.demo.areaId}`)).status).toBe(403);
  });

  it('a wrong password for a staff number gets the same answer as an unknown number', async () => {
    const wrong = await new Browser(app).logIn(demoUser('admin').phone, 'Falsches-Passwort-1');
    const unknown = await new Browser(app).logIn('+49 6561 999999', 'Falsches-Passwort-1');
    expect(wrong.status).toBe(401);
    expect({ ...wrong.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
  });
});
