// The policy lets public unicast through (so its refusals are refusals, not a policy that refuses everything).
import { describe, expect, it } from 'vitest';
import { publicAddressesOnly } from './address-policy';

describe('publicAddressesOnly', () => {
  it('lets public IPv4 and IPv6 addresses through, mapped and 6to4 forms of public ones too', () => {
    for (const address of [
      '93.184.215.14',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '2002:808:808::1',
    ]) {
      expect(publicAddressesOnly(address), address).toBeNull();
    }
  });

  it('refuses the edges of the private ranges', () => {
    for (const address of [
      '10.255.255.255',
      '172.16.0.0',
      '192.168.255.255',
      '169.254.0.1',
      '127.255.255.254',
      'febf::1',
      'fdff::1',
    ]) {
      expect(publicAddressesOnly(address), address).not.toBeNull();
    }
  });
});
