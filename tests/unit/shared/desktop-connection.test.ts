import { describe, expect, it } from 'vitest';
import { isOnServer, parseConnectionChoice, serverAddress, SERVER_ADDRESS_MAX_LENGTH } from '../../../shared/desktop-connection';

const address = (input: unknown) => {
  const checked = serverAddress(input);
  return checked.ok ? checked.address : `FOUT: ${checked.message}`;
};

describe('serverAddress: what the member types as the council server', () => {
  it('keeps a server as its base address, https added to a bare name, always ending in /', () => {
    expect(address('raad.voorbeeldstad.nl')).toBe('https://raad.voorbeeldstad.nl/');
    expect(address('  https://Raad.Voorbeeldstad.NL  ')).toBe('https://raad.voorbeeldstad.nl/');
    expect(address('https://raad.voorbeeldstad.nl:8443/advieswerk')).toBe('https://raad.voorbeeldstad.nl:8443/advieswerk/');
    expect(address('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/');
    expect(address('http://localhost:3000/')).toBe('http://localhost:3000/');
    expect(address('http://[::1]:3000/')).toBe('http://[::1]:3000/');
  });

  it('refuses plain http anywhere but this computer, with the reason in Dutch', () => {
    expect(address('http://raad.voorbeeldstad.nl')).toMatch(/^FOUT: Gebruik https:\/\//);
    expect(address('http://192.168.1.20:3000')).toMatch(/^FOUT: Gebruik https:\/\//);
    // A look-alike of loopback is a name like any other.
    expect(address('http://127.0.0.1.voorbeeld.nl')).toMatch(/^FOUT: Gebruik https:\/\//);
  });

  it('refuses what is not a web address, credentials, queries and hostile text, with Dutch messages', () => {
    expect(address('')).toBe('FOUT: Vul het adres van de raadsserver in.');
    expect(address('   ')).toBe('FOUT: Vul het adres van de raadsserver in.');
    expect(address(undefined)).toBe('FOUT: Vul het adres van de raadsserver in.');
    expect(address({ toString: () => 'https://raad.nl' })).toBe('FOUT: Vul het adres van de raadsserver in.');
    for (const typed of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://raad.nl', 'raad voorbeeldstad.nl', 'https://', 'https://raad.nl/?x=1', 'https://raad.nl/#x', '<script>']) {
      expect(address(typed), typed).toMatch(/^FOUT: Dit is geen geldig webadres/);
    }
    expect(address('https://anna:geheim@raad.nl')).toMatch(/^FOUT: Zet geen naam of wachtwoord in het adres/);
    expect(address(`https://raad.nl/${'a'.repeat(SERVER_ADDRESS_MAX_LENGTH)}`)).toMatch(/^FOUT: Dit adres is te lang/);
  });
});

describe('parseConnectionChoice: the kept file and what the page sends', () => {
  it('reads the two choices, the address normalised', () => {
    expect(parseConnectionChoice({ mode: 'local' })).toEqual({ mode: 'local' });
    expect(parseConnectionChoice({ mode: 'server', address: 'raad.nl' })).toEqual({ mode: 'server', address: 'https://raad.nl/' });
  });

  it('makes nothing of anything else: the app then asks again instead of guessing', () => {
    for (const value of [null, undefined, 'local', [], ['local'], {}, { mode: 'LOCAL' }, { mode: 'local', extra: 1 }, { mode: 'server' },
      { mode: 'server', address: 'http://raad.nl' }, { mode: 'server', address: 'https://raad.nl', path: '/etc' }, JSON.parse('{"__proto__":{"mode":"local"}}')]) {
      expect(parseConnectionChoice(value), JSON.stringify(value)).toBeNull();
    }
  });
});

describe('isOnServer: which pages the connected window may show', () => {
  const base = 'https://raad.nl/advieswerk/';
  it('allows the server under its base path only', () => {
    expect(isOnServer('https://raad.nl/advieswerk/', base)).toBe(true);
    expect(isOnServer('https://raad.nl/advieswerk/#/adviezen', base)).toBe(true);
    expect(isOnServer('https://raad.nl/anders/', base)).toBe(false);
    expect(isOnServer('https://raad.nl.evil.example/advieswerk/', base)).toBe(false);
    expect(isOnServer('http://raad.nl/advieswerk/', base)).toBe(false);
    expect(isOnServer('https://raad.nl:444/advieswerk/', base)).toBe(false);
    expect(isOnServer('https://x:y@raad.nl/advieswerk/', base)).toBe(false);
    expect(isOnServer('geen adres', base)).toBe(false);
  });
});
