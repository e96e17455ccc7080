import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { REQUEST_BODY_LIMIT_BYTES } from '../common/http/request-body.js';

/**
 * Apollo's driver, with the graphql-ws server of its `subscriptions['graphql-ws']` options set up
 * here rather than by @nestjs/graphql, whose WebSocketServer takes no options and so reads
 * messages of up to 100 MiB. Here a message is held to the HTTP body limit: a larger one closes
 * the socket with 1009 (Message Too Big).
 */
@Injectable()
export class LimitedApolloDriver extends ApolloDriver {
  private stopWebSockets?: () => Promise<void>;

  override async start({ subscriptions, ...options }: ApolloDriverConfig): Promise<void> {
    await super.start(options);
    const graphqlWs = subscriptions?.['graphql-ws'];
    if (!graphqlWs || graphqlWs === true) return;
    const { path = options.path, ...serverOptions } = graphqlWs;
    const wss = new WebSocketServer({ noServer: true, path, maxPayload: REQUEST_BODY_LIMIT_BYTES });
    const server = useServer(
      {
        schema: options.schema,
        context: options.context as ServerOptions['context'],
        ...serverOptions,
      },
      wss,
    );
    const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!wss.shouldHandle(request)) {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    };
    const httpServer = this.httpAdapterHost.httpAdapter.getHttpServer() as Server;
    httpServer.on('upgrade', upgrade);
    this.stopWebSockets = async () => {
      httpServer.off('upgrade', upgrade);
      await server.dispose();
    };
  }

  override async stop(): Promise<void> {
    await this.stopWebSockets?.();
    await super.stop();
  }
}
