// LangChain JS (ChatOpenAI for Chat Completions and, with `useResponsesApi`, Responses;
// ChatAnthropic; ChatGoogleGenerativeAI) against the gateway: every inbound protocol × every
// upstream type — text, stream, a two-step tool loop plain and streamed, structured output.
// Every request the upstream receives must pass its protocol's generated validator.
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { describeFrameworkMatrix } from '../helpers/framework-matrix.ts';
import { LANGCHAIN_DRIVERS } from '../helpers/langchain-clients.ts';

describeFrameworkMatrix('LangChain', LANGCHAIN_DRIVERS, useConversionGateway());
