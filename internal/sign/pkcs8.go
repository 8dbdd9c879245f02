package sign

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"hash"
)

// Object identifiers of the encrypted PKCS#8 schemes that OpenSSL writes by
// default (RFC 8018: PBES2 with PBKDF2 and AES-CBC).
var (
	oidPBES2  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}

	prfs = map[string]func() hash.Hash{
		"1.2.840.113549.2.7":  sha1.New,
		"1.2.840.113549.2.8":  sha256.New224,
		"1.2.840.113549.2.9":  sha256.New,
		"1.2.840.113549.2.10": sha512.New384,
		"1.2.840.113549.2.11": sha512.New,
	}
	aesKeySizes = map[string]int{
		"2.16.840.1.101.3.4.1.2":  16, // aes128-CBC
		"2.16.840.1.101.3.4.1.22": 24, // aes192-CBC
		"2.16.840.1.101.3.4.1.42": 32, // aes256-CBC
	}
)

// errWrongPassword reports that an encrypted key did not decrypt.
var errWrongPassword = errors.New("wrong password")

// errMalformed reports an encrypted key that is not valid DER.
var errMalformed = errors.New("malformed encrypted private key")

// errUnsupportedEncryption reports an encrypted key whose scheme is not
// PBES2 with PBKDF2 and AES-CBC.
var errUnsupportedEncryption = errors.New("unsupported key encryption")

type encryptedPrivateKeyInfo struct {
	Algorithm     pkix.AlgorithmIdentifier
	EncryptedData []byte
}

type pbes2Params struct {
	KeyDerivationFunc pkix.AlgorithmIdentifier
	EncryptionScheme  pkix.AlgorithmIdentifier
}

type pbkdf2Params struct {
	Salt           []byte
	IterationCount int
	KeyLength      int                      `asn1:"optional"`
	PRF            pkix.AlgorithmIdentifier `asn1:"optional"`
}

// decryptPKCS8 decrypts the DER of an "ENCRYPTED PRIVATE KEY" PEM block and
// returns the DER of the PKCS#8 private key inside. It returns
// errWrongPassword when the password does not open the key and
// errUnsupportedEncryption for schemes other than PBES2/PBKDF2/AES-CBC.
func decryptPKCS8(der, password []byte) ([]byte, error) {
	var info encryptedPrivateKeyInfo
	if rest, err := asn1.Unmarshal(der, &info); err != nil || len(rest) > 0 {
		return nil, errMalformed
	}
	if !info.Algorithm.Algorithm.Equal(oidPBES2) {
		return nil, errUnsupportedEncryption
	}
	var params pbes2Params
	if _, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &params); err != nil {
		return nil, errMalformed
	}
	if !params.KeyDerivationFunc.Algorithm.Equal(oidPBKDF2) {
		return nil, errUnsupportedEncryption
	}
	keySize, ok := aesKeySizes[params.EncryptionScheme.Algorithm.String()]
	if !ok {
		return nil, errUnsupportedEncryption
	}
	var kdf pbkdf2Params
	if _, err := asn1.Unmarshal(params.KeyDerivationFunc.Parameters.FullBytes, &kdf); err != nil {
		return nil, errMalformed
	}
	prf := sha1.New // the default PRF of RFC 8018
	if len(kdf.PRF.Algorithm) > 0 {
		if prf, ok = prfs[kdf.PRF.Algorithm.String()]; !ok {
			return nil, errUnsupportedEncryption
		}
	}
	var iv []byte
	if _, err := asn1.Unmarshal(params.EncryptionScheme.Parameters.FullBytes, &iv); err != nil || len(iv) != aes.BlockSize {
		return nil, errMalformed
	}
	if len(info.EncryptedData) == 0 || len(info.EncryptedData)%aes.BlockSize != 0 {
		return nil, errMalformed
	}
	key, err := pbkdf2.Key(prf, string(password), kdf.Salt, kdf.IterationCount, keySize)
	if err != nil {
		return nil, errUnsupportedEncryption
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, errUnsupportedEncryption
	}
	plain := make([]byte, len(info.EncryptedData))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(plain, info.EncryptedData)
	pad := int(plain[len(plain)-1])
	if pad == 0 || pad > aes.BlockSize {
		return nil, errWrongPassword
	}
	for _, b := range plain[len(plain)-pad:] {
		if int(b) != pad {
			return nil, errWrongPassword
		}
	}
	return plain[:len(plain)-pad], nil
}
