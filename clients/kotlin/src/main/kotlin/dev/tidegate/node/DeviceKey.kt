package dev.tidegate.node

import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.MessageDigest
import java.security.Signature
import java.util.Base64

/** An Ed25519 device identity from the JDK: raw public key, its SHA-256 id, and signatures, all base64url. */
class DeviceKey(private val pair: KeyPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair()) {
    private val encoder = Base64.getUrlEncoder().withoutPadding()

    /** The raw 32-byte key: the X.509 encoding without its 12-byte algorithm prefix. */
    private val raw: ByteArray = pair.public.encoded.copyOfRange(12, 44)

    val publicKey: String = encoder.encodeToString(raw)

    val id: String = MessageDigest.getInstance("SHA-256").digest(raw).joinToString("") { "%02x".format(it) }

    fun sign(text: String): String {
        val signer = Signature.getInstance("Ed25519")
        signer.initSign(pair.private)
        signer.update(text.toByteArray(Charsets.UTF_8))
        return encoder.encodeToString(signer.sign())
    }
}

/** The v3 string a device signs in `connect`. */
fun signedStringV3(
    deviceId: String, clientId: String, clientMode: String, role: String, scopes: List<String>,
    signedAtMs: Long, token: String, nonce: String, platform: String, deviceFamily: String?,
): String = listOf(
    "v3", deviceId, clientId, clientMode, role, scopes.joinToString(","), signedAtMs.toString(), token, nonce,
    platform.trim().lowercase(), (deviceFamily ?: "").trim().lowercase(),
).joinToString("|")
