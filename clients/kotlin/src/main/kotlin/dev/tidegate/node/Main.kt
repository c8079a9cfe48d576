package dev.tidegate.node

import dev.tidegate.protocol.*
import java.net.URI
import java.net.http.HttpClient
import java.net.http.WebSocket
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.CountDownLatch

/**
 * A node written against the published Kotlin models (`dev.tidegate:tidegate-protocol`): it
 * connects to a gateway with the JDK's WebSocket client, passes the v3 handshake with an Ed25519
 * device identity, and answers the `echo` command by returning its params unchanged. Frames go
 * through [TidegateJson] and the typed method descriptors in [Methods].
 *
 *   java -cp … dev.tidegate.node.MainKt --url ws://127.0.0.1:18789 --token T
 */
class KotlinNode(private val url: String, private val token: String, private val displayName: String) : WebSocket.Listener {
    private val key = DeviceKey()
    private val buffer = StringBuilder()
    private lateinit var socket: WebSocket
    private var connectId: String? = null
    val closed = CountDownLatch(1)

    fun start() {
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), this).join()
    }

    private fun send(frame: RequestFrame) {
        synchronized(this) { socket.sendText(TidegateJson.encodeFrame(GatewayFrame.Request(frame)), true).join() }
    }

    override fun onOpen(webSocket: WebSocket) {
        // The challenge can arrive before buildAsync() returns: keep the socket from here.
        socket = webSocket
        webSocket.request(1)
    }

    override fun onText(webSocket: WebSocket, data: CharSequence, last: Boolean): CompletionStage<*> {
        buffer.append(data)
        if (last) {
            val text = buffer.toString()
            buffer.setLength(0)
            handle(TidegateJson.decodeFrame(text))
        }
        webSocket.request(1)
        return CompletableFuture.completedFuture(null)
    }

    override fun onClose(webSocket: WebSocket, statusCode: Int, reason: String): CompletionStage<*> {
        println("closed $statusCode $reason")
        closed.countDown()
        return CompletableFuture.completedFuture(null)
    }

    override fun onError(webSocket: WebSocket, error: Throwable) {
        System.err.println("error: ${error.message}")
        closed.countDown()
    }

    private fun handle(frame: GatewayFrame) {
        when (frame) {
            is GatewayFrame.Event -> when (val event = frame.event) {
                is GatewayEvent.ConnectChallenge -> connect(event.payload)
                is GatewayEvent.NodeInvokeRequest -> invoke(event.payload)
                else -> {}
            }
            is GatewayFrame.Response -> if (frame.frame.id == connectId) {
                try {
                    val hello = Methods.Connect.result(frame.frame)
                    println("connected as node ${key.id} protocol ${hello.protocol}")
                } catch (refused: GatewayCallException) {
                    System.err.println("connect refused: ${refused.error.code.raw} ${refused.error.message}")
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "refused")
                }
            }
            else -> {}
        }
    }

    private fun connect(challenge: ConnectChallenge) {
        val client = ConnectClient(id = "kotlin-node", displayName = displayName, mode = ClientMode.Node, platform = System.getProperty("os.name").lowercase(), version = "0.1.0")
        val signedAt = System.currentTimeMillis()
        val signature = key.sign(signedStringV3(key.id, client.id, "node", "node", emptyList(), signedAt, token, challenge.nonce, client.platform, null))
        val params = ConnectParams(
            minProtocol = PROTOCOL_VERSION, maxProtocol = PROTOCOL_VERSION, client = client, role = Role.Node, scopes = emptyList(),
            caps = listOf("echo"), commands = listOf("echo"), auth = ConnectAuth(token = token),
            device = DeviceProof(id = key.id, publicKey = key.publicKey, signature = signature, signedAt = signedAt, nonce = challenge.nonce),
        )
        val id = UUID.randomUUID().toString()
        connectId = id
        send(Methods.Connect.request(id, params))
    }

    private fun invoke(request: NodeInvokeRequestEvent) {
        val result = if (request.command == "echo") {
            NodeInvokeResultParams(id = request.id, nodeId = request.nodeId, ok = true, payloadJSON = Nullable.Value(request.paramsJSON ?: "null"))
        } else {
            NodeInvokeResultParams(id = request.id, nodeId = request.nodeId, ok = false, error = NodeInvokeError(code = "UNKNOWN_COMMAND", message = "kotlin node serves only echo"))
        }
        send(Methods.NodeInvokeResult.request(UUID.randomUUID().toString(), result))
    }
}

fun main(args: Array<String>) {
    val options = args.toList().chunked(2).associate { it[0].removePrefix("--") to it.getOrElse(1) { "" } }
    val url = options["url"] ?: error("--url is required")
    val token = options["token"] ?: error("--token is required")
    val node = KotlinNode(url, token, options["display-name"] ?: "kotlin-node")
    node.start()
    node.closed.await()
}
