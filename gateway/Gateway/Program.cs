Console.WriteLine("gateway not written yet");
