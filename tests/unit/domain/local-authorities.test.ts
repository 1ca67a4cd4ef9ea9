import { describe, expect, it } from 'vitest';
import { LOCAL_AUTHORITIES, laNameIn, localAuthority } from '../../../domain/local-authorities';

/** The 22 Welsh principal councils by ONS code (W06000007 and W06000017 were never used), in English and Welsh. */
const WELSH = [
  ['W06000001', 'Isle of Anglesey', 'Ynys Môn'],
  ['W06000002', 'Gwynedd', 'Gwynedd'],
  ['W06000003', 'Conwy', 'Conwy'],
  ['W06000004', 'Denbighshire', 'Sir Ddinbych'],
  ['W06000005', 'Flintshire', 'Sir y Fflint'],
  ['W06000006', 'Wrexham', 'Wrecsam'],
  ['W06000008', 'Ceredigion', 'Ceredigion'],
  ['W06000009', 'Pembrokeshire', 'Sir Benfro'],
  ['W06000010', 'Carmarthenshire', 'Sir Gaerfyrddin'],
  ['W06000011', 'Swansea', 'Abertawe'],
  ['W06000012', 'Neath Port Talbot', 'Castell-nedd Port Talbot'],
  ['W06000013', 'Bridgend', 'Pen-y-bont ar Ogwr'],
  ['W06000014', 'Vale of Glamorgan', 'Bro Morgannwg'],
  ['W06000015', 'Cardiff', 'Caerdydd'],
  ['W06000016', 'Rhondda Cynon Taf', 'Rhondda Cynon Taf'],
  ['W06000018', 'Caerphilly', 'Caerffili'],
  ['W06000019', 'Blaenau Gwent', 'Blaenau Gwent'],
  ['W06000020', 'Torfaen', 'Tor-faen'],
  ['W06000021', 'Monmouthshire', 'Sir Fynwy'],
  ['W06000022', 'Newport', 'Casnewydd'],
  ['W06000023', 'Powys', 'Powys'],
  ['W06000024', 'Merthyr Tydfil', 'Merthyr Tudful'],
] as const;

describe('the Welsh local authorities', () => {
  it('are the 22 councils with their ONS codes, English and Welsh names, all in the region Wales', () => {
    const wales = LOCAL_AUTHORITIES.filter((la) => la.code.startsWith('W'));
    expect(wales.map((la) => [la.code, la.name, la.nameCy])).toEqual(WELSH);
    expect(new Set(wales.map((la) => la.region))).toEqual(new Set(['Wales']));
  });

  it('are named in Welsh on Welsh pages and in English on English ones', () => {
    expect(laNameIn('W06000015', 'cy')).toBe('Caerdydd');
    expect(laNameIn('W06000015', 'en')).toBe('Cardiff');
    expect(laNameIn('W06000001', 'cy')).toBe('Ynys Môn');
  });

  it('leave English councils, and codes not in the directory, as they are in either language', () => {
    expect(laNameIn('E08000035', 'cy')).toBe('Leeds');
    expect(localAuthority('E08000035').nameCy).toBeUndefined();
    expect(laNameIn('W06999999', 'cy')).toBe('W06999999');
  });

  it('have a code each, once', () => {
    const codes = LOCAL_AUTHORITIES.map((la) => la.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
