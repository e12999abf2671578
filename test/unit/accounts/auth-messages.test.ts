import { describe, expect, it } from 'vitest';
import { translateAuthError } from '@/server/auth/auth-messages';

describe('better-auth’s refusals, in French', () => {
  it('say what to do for the codes a student meets', () => {
    expect(translateAuthError(401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' })).toEqual({
      message: 'E-mail ou mot de passe incorrect. Vérifiez-les, puis réessayez.',
    });
    expect(translateAuthError(422, { code: 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL' }).message).toBe(
      'Un compte existe déjà avec cette adresse : connectez-vous plutôt.',
    );
  });

  it('give the wait when the address is rate-limited', () => {
    expect(translateAuthError(429, { message: 'Too many requests. Please try again later.' }, 42).message).toBe(
      'Trop de tentatives depuis votre connexion : réessayez dans 42 secondes.',
    );
    expect(translateAuthError(429, undefined, 120).message).toBe('Trop de tentatives depuis votre connexion : réessayez dans 2 minutes.');
  });

  it('keep our own hooks’ messages, and never show English to a student', () => {
    expect(translateAuthError(400, { code: 'INVALID_NAME', message: 'Indiquez votre nom.' })).toEqual({ message: 'Indiquez votre nom.' });
    const unknown = translateAuthError(400, { code: 'SOMETHING_NEW', message: 'Something new happened' });
    expect(unknown.message).toBe("La demande n'a pas abouti. Réessayez ; si le problème persiste, prévenez l'équipe.");
    expect(unknown.detail).toBe('SOMETHING_NEW');
  });
});
